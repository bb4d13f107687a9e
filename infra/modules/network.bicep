// Private networking (main.bicep `privateNetworking = true`): a virtual network with one subnet for the
// Function App's outbound traffic (VNet integration; Flex Consumption needs it delegated to
// Microsoft.App/environments) and one for private endpoints, plus the private DNS zones that make the
// services' usual host names resolve to those endpoints inside the network.

@description('Virtual network name.')
param name string

@description('Region of the network.')
param location string

@description('Tags applied to every resource.')
param tags { *: string }

@description('Address space of the network; the two /24 subnets are carved from its start.')
param addressPrefix string

@description('Private DNS zones to create and link, e.g. privatelink.blob.core.windows.net.')
param privateDnsZoneNames string[]

resource vnet 'Microsoft.Network/virtualNetworks@2025-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zoneName in privateDnsZoneNames: {
    name: zoneName
    location: 'global'
    tags: tags
  }
]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zoneName, i) in privateDnsZoneNames: {
    parent: zones[i]
    name: '${name}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

output appSubnetId string = vnet.properties.subnets[0].id
output privateEndpointSubnetId string = vnet.properties.subnets[1].id
@description('Resource ids of the zones, in the order of privateDnsZoneNames.')
output zoneIds string[] = [for (zoneName, i) in privateDnsZoneNames: zones[i].id]
